// Prints the SQL of the stores migration. When INDEXES changes, add a NEW
// migration with the difference (never edit an applied one); the test
// test/server/sql-store.test.ts fails until every index exists.
import { storesMigrationSql } from './schema';

process.stdout.write(storesMigrationSql());
