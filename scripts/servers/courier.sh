#!/usr/bin/env bash
# Private Courier-IMAP 5.0 (Debian) on 127.0.0.1 for learnmail's integration tests, beside Dovecot.
#
#   scripts/servers/courier.sh start DIR   unpack, configure, start authdaemond and couriertcpd; prints env exports
#   scripts/servers/courier.sh stop DIR    stop both by PID
#
# courier-imap conflicts with dovecot-imapd, so it is unpacked into DIR/courier/root, never installed; its
# dependencies (courier-base, courier-authdaemon, courier-authlib-userdb) come from scripts/install-deps.
# authlib's paths are compiled in (/etc/courier, /run/courier/authdaemon), so each daemon runs in a
# private mount namespace where the test folder's copies are bind-mounted over them: the machine's
# own /etc/courier is never touched. Port: LEARNMAIL_TEST_COURIER_PORT (10145). Users:
# LEARNMAIL_TEST_USERS, password "secret", mail in DIR/courier/mail/USER/Maildir (owned by nobody).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/servers/packages.sh
source "$here/packages.sh"

PORT="${LEARNMAIL_TEST_COURIER_PORT:-10145}"
USERS="${LEARNMAIL_TEST_USERS:-learning facilitator transport1}"
PASSWORD="secret"
AUTHDAEMOND=/usr/lib/courier/courier-authlib/authdaemond

# "${private[@]}" COMMAND ARGS...: COMMAND with the test folder's /etc/courier and authdaemon socket folder
# (same PID: unshare and sh exec).
private=()

start() {
    [ -x "$AUTHDAEMOND" ] && command -v couriertcpd >/dev/null && command -v makeuserdb >/dev/null \
        || { echo "test-servers: Courier needs courier-base, courier-authdaemon, courier-authlib-userdb: run scripts/install-deps test" >&2; return 1; }
    ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null \
        || { echo "test-servers: port $PORT is in use: set LEARNMAIL_TEST_COURIER_PORT" >&2; return 1; }
    rm -rf "$K"
    mkdir -p "$K/run" "$K/mail" /run/courier/authdaemon
    unpack_package courier-imap "$K/root"
    cp -a /etc/courier "$K/etc"
    cp "$K/root/etc/courier/imapd" "$K/etc/imapd"
    cat >"$K/etc/authdaemonrc" <<RC
authmodulelist="authuserdb"
daemons=2
authdaemonvar=/run/courier/authdaemon
DEBUG_LOGIN=0
DEFAULTOPTIONS=""
LOGGEROPTS=""
RC
    local hash uid gid
    hash="$(openssl passwd -1 "$PASSWORD")"
    uid="$(id -u nobody)"
    gid="$(id -g nobody)"
    : >"$K/etc/userdb"
    for user in $USERS; do
        mkdir -p "$K/mail/$user"
        maildirmake "$K/mail/$user/Maildir"
        printf '%s\tuid=%s|gid=%s|home=%s|mail=%s|systempw=%s\n' "$user" "$uid" "$gid" \
            "$K/mail/$user" "$K/mail/$user/Maildir" "$hash" >>"$K/etc/userdb"
    done
    chmod 600 "$K/etc/userdb"
    "${private[@]}" makeuserdb
    chown -R "$uid:$gid" "$K/mail"
    chmod 755 "$K" "$K/mail"

    setsid "${private[@]}" "$AUTHDAEMOND" </dev/null >>"$K/authdaemond.log" 2>&1 &
    echo $! >"$K/authdaemond.pid"
    # The package's imapd settings (capabilities, keywords) in a clean environment, as its init script does.
    setsid env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin bash -c '
        set -a; . "$0/etc/imapd"; set +a
        exec "$@"' "$K" "${private[@]}" couriertcpd -address=127.0.0.1 -nodnslookup -noidentlookup -maxprocs=40 -maxperip=40 "$PORT" \
        "$K/root/usr/lib/courier/courier/imaplogin" "$K/root/usr/bin/imapd" Maildir \
        </dev/null >>"$K/couriertcpd.log" 2>&1 &
    echo $! >"$K/couriertcpd.pid"
    wait_for_port "$PORT" Courier "$K/couriertcpd.log"
    echo "export LEARNMAIL_TEST_COURIER_PORT=$PORT"
    echo "export LEARNMAIL_TEST_COURIER_MAIL_DIR=$K/mail"
}

stop() {
    stop_by_pidfile "$K/couriertcpd.pid" couriertcpd
    stop_by_pidfile "$K/authdaemond.pid" authdaemond
}

[ $# -eq 2 ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
mkdir -p "$2"
K="$(cd "$2" && pwd)/courier"
private=(unshare -m --propagation private sh -c
    'mount --bind "$0/etc" /etc/courier && mount --bind "$0/run" /run/courier/authdaemon && exec "$@"' "$K")
case "$1" in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
