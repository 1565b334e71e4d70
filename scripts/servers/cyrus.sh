#!/usr/bin/env bash
# Private Cyrus IMAP 3.6 (Debian) on 127.0.0.1 for learnmail's integration tests, beside Dovecot.
#
#   scripts/servers/cyrus.sh start DIR   unpack, configure, start, create the users; prints env exports
#   scripts/servers/cyrus.sh stop DIR    stop the Cyrus master by PID
#
# cyrus-imapd conflicts with dovecot-imapd, so it is unpacked into DIR/cyrus/root, never installed;
# its dependency cyrus-common (master, ctl_cyrusdb) and sasl2-bin come from scripts/install-deps.
# Port: LEARNMAIL_TEST_CYRUS_PORT (10144). Users: LEARNMAIL_TEST_USERS, password "secret".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/servers/packages.sh
source "$here/packages.sh"

PORT="${LEARNMAIL_TEST_CYRUS_PORT:-10144}"
USERS="${LEARNMAIL_TEST_USERS:-learning facilitator transport1}"
PASSWORD="secret"
ADMIN="cyrusadmin"
SERVERNAME="localhost"
BIN=/usr/lib/cyrus/bin

start() {
    [ -x "$BIN/master" ] && command -v saslpasswd2 >/dev/null \
        || { echo "test-servers: Cyrus needs cyrus-common and sasl2-bin: run scripts/install-deps test" >&2; return 1; }
    ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null \
        || { echo "test-servers: port $PORT is in use: set LEARNMAIL_TEST_CYRUS_PORT" >&2; return 1; }
    rm -rf "$C"
    mkdir -p "$C/config" "$C/spool" "$C/run/proc" "$C/run/lock" "$C/run/socket"
    unpack_package cyrus-imapd "$C/root"
    sed -e "s|@C@|$C|g" -e "s|@SERVERNAME@|$SERVERNAME|g" "$here/cyrus-imapd.conf.in" >"$C/imapd.conf"
    sed -e "s|@C@|$C|g" -e "s|@BIN@|$BIN|g" -e "s|@IMAPD@|$C/root$BIN/imapd|g" -e "s|@PORT@|$PORT|g" \
        "$here/cyrus.conf.in" >"$C/cyrus.conf"
    for user in $ADMIN $USERS; do
        echo "$PASSWORD" | saslpasswd2 -p -c -f "$C/sasldb2" -u "$SERVERNAME" "$user"
    done
    chown -R cyrus:mail "$C"
    chmod 755 "$C"
    # -D: stay in the foreground (so the PID is the master's); setsid: outlive this script.
    setsid "$BIN/master" -C "$C/imapd.conf" -M "$C/cyrus.conf" -p "$C/master.pid" -D \
        </dev/null >>"$C/master.log" 2>&1 &
    echo $! >"$C/cyrus.pid"
    wait_for_port "$PORT" Cyrus "$C/master.log"
    echo "export LEARNMAIL_TEST_CYRUS_PORT=$PORT"
}

stop() {
    stop_by_pidfile "$C/cyrus.pid" "Cyrus master"
}

[ $# -eq 2 ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
mkdir -p "$2"
C="$(cd "$2" && pwd)/cyrus"
case "$1" in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
