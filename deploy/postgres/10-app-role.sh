#!/bin/sh
# Runs once, when the database is first created (docker-entrypoint-initdb.d): the role the
# API and worker connect as. What it may do is granted by `customer-ledger migrate
# --app-role ledger_app`, run as the owner by the compose file's `migrate` service:
# SELECT and INSERT on the events only, never UPDATE, DELETE or TRUNCATE.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$LEDGER_APP_PASSWORD" <<'SQL'
create role ledger_app login password :'app_password';
grant connect on database customer_ledger to ledger_app;
SQL
