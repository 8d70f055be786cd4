// npm run db:deploy — applies pending migrations (the same runner `npm start` uses). The code is
// src/db-deploy.ts, so the compiled image runs the same step as `node dist/db-deploy.js`.
import '../src/db-deploy.js';
