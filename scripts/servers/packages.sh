# Shared by scripts/servers/cyrus.sh and courier.sh (sourced): the Debian packages that conflict with
# dovecot-imapd (both cyrus-imapd and courier-imap conflict with imap-server) are never installed. They
# are downloaded once into a cache folder with `apt-get download` and unpacked into the test folder
# with `dpkg-deb -x`; their non-conflicting dependencies come from scripts/install-deps.

PACKAGE_CACHE="${LEARNMAIL_TEST_PACKAGE_CACHE:-/var/cache/learnmail-test-servers}"

# unpack_package PACKAGE DIR: PACKAGE's files under DIR (downloaded into the cache first if missing).
unpack_package() {
    local package="$1" dir="$2" deb
    mkdir -p "$PACKAGE_CACHE"
    deb="$(ls "$PACKAGE_CACHE/${package}"_*.deb 2>/dev/null | tail -n 1 || true)"
    if [ -z "$deb" ]; then
        # apt's sandbox user cannot write everywhere; download into the cache folder as root.
        (cd "$PACKAGE_CACHE" && apt-get download -q "$package" >&2 2>&1) \
            || (apt-get update -q >&2 && cd "$PACKAGE_CACHE" && apt-get download -q "$package" >&2) \
            || { echo "test-servers: apt-get download $package failed" >&2; return 1; }
        deb="$(ls "$PACKAGE_CACHE/${package}"_*.deb | tail -n 1)"
    fi
    mkdir -p "$dir"
    dpkg-deb -x "$deb" "$dir"
}

# wait_for_port PORT NAME LOG: like scripts/test-servers' wait_port.
wait_for_port() {
    local deadline=$((SECONDS + ${LEARNMAIL_TEST_WAIT_SECONDS:-30}))
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            echo "test-servers: $2 did not open port $1; last log lines:" >&2
            tail -n 20 "$3" >&2 2>/dev/null || true
            return 1
        fi
        sleep 0.1
    done
}

# stop_by_pidfile PIDFILE NAME: TERM, then KILL after 5 s.
stop_by_pidfile() {
    [ -s "$1" ] || return 0
    local pid
    pid="$(cat "$1")"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "test-servers: $2 (pid $pid) did not stop; sending KILL" >&2
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$1"
}
