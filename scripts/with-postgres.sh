#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary directory, listen on
# 127.0.0.1 on a free port, export DATABASE_URL, run the command, stop and delete the cluster.
# Installs Debian's postgresql when no server binaries are present.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres: installing PostgreSQL from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

workdir=$(mktemp -d /tmp/dutylist-pg.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
runas=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$workdir"
  runas=(runuser -u postgres --)
fi

cleanup() {
  "${runas[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

"${runas[@]}" "$bindir/initdb" -D "$workdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${runas[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $workdir -c fsync=off -c full_page_writes=off" start >/dev/null
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres dutylist

export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/dutylist"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $DATABASE_URL" >&2
"$@"
