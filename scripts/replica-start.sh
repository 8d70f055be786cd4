#!/usr/bin/env bash
# Starts a streaming read replica (hot standby) of a local PostgreSQL 15 server, for the tests of
# DATABASE_REPLICA_URLS and for trying them by hand:
#
#   bash scripts/replica-start.sh            # replica of 127.0.0.1:5432 on 127.0.0.1:5433
#   PRIMARY_PORT=5432 REPLICA_PORT=5433 REPLICA_DIR=/tmp/gongkai-replica bash scripts/replica-start.sh
#
# It is a second cluster made with pg_basebackup (-R: standby.signal and primary_conninfo), so it
# replays the primary's WAL as a real deployment's replica does. Idempotent: a replica already
# answering on the port is left as it is. Needs a primary reachable with trust (or .pgpass) auth
# as a superuser; run as root it runs the cluster as the postgres user.
set -euo pipefail

PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
PRIMARY_USER=${PRIMARY_USER:-postgres}
REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-${TMPDIR:-/tmp}/gongkai-replica-$REPLICA_PORT}
PG_BIN=${PG_BIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}

primary() { psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -d postgres -tAqc "$1"; }
# The cluster must not run as root: hand it to the postgres user when we are root.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PRIMARY_USER" -d postgres -tAqc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]; then
  echo "replica: already running on 127.0.0.1:$REPLICA_PORT"
  exit 0
fi

# Replication connections match only pg_hba lines that name `replication`; allow loopback ones.
hba=$(primary 'SHOW hba_file')
if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]' "$hba"; then
  echo "replica: allowing loopback replication connections in $hba"
  printf '\n# Added by gongkai scripts/replica-start.sh: streaming replicas on this machine.\nhost replication all 127.0.0.1/32 trust\n' >> "$hba"
  primary 'SELECT pg_reload_conf()' > /dev/null
fi

as_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -m immediate stop > /dev/null 2>&1 || true
rm -rf "$REPLICA_DIR"
mkdir -p "$REPLICA_DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$REPLICA_DIR"
chmod 700 "$REPLICA_DIR"
echo "replica: copying 127.0.0.1:$PRIMARY_PORT into $REPLICA_DIR"
as_owner "$PG_BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -D "$REPLICA_DIR" -R -X stream -c fast

# Debian keeps a cluster's configuration outside its data folder: give the copy its own.
as_owner tee "$REPLICA_DIR/postgresql.conf" > /dev/null <<CONF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$REPLICA_DIR'
hot_standby = on
max_connections = $(primary 'SHOW max_connections')
CONF
as_owner tee "$REPLICA_DIR/pg_hba.conf" > /dev/null <<'CONF'
local all all trust
host all all 127.0.0.1/32 trust
CONF
as_owner touch "$REPLICA_DIR/pg_ident.conf"

as_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/server.log" -w -t 120 start > /dev/null
if [ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PRIMARY_USER" -d postgres -tAqc 'SELECT pg_is_in_recovery()')" != t ]; then
  echo "replica: the server on 127.0.0.1:$REPLICA_PORT started but is not a standby (see $REPLICA_DIR/server.log)" >&2
  exit 1
fi
echo "replica: streaming from 127.0.0.1:$PRIMARY_PORT, serving reads on 127.0.0.1:$REPLICA_PORT"
