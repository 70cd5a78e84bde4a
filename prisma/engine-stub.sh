#!/bin/sh
# Prisma's CLI insists on a schema-engine binary before `prisma generate`, but only runs it for migrate/db
# commands. There is no engine download here, so generate gets this stand-in; migrations use `npm run db:migrate`.
echo "The Prisma schema engine is not installed. Use 'npm run db:migrate' to apply migrations." >&2
exit 1
