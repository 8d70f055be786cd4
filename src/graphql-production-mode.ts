// graphql-js chooses at import time, from NODE_ENV, whether every `isObjectType`-style check runs
// its development diagnostics (a realm check on each failed instanceof) — ~15% of a list page.
// The server's speed must not depend on NODE_ENV, so the server entry imports this module first:
// graphql is evaluated while NODE_ENV reads "production", then NODE_ENV is put back untouched
// (config, Apollo and everything else still see the real one). The check guards against two
// copies of graphql in one process; this project loads one (the package has no exports map,
// so every import resolves to the same CommonJS build), which the tests' own runs still check.
const given = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
try {
  await import('graphql');
} finally {
  if (given === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = given;
}
