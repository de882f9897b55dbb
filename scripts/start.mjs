// `npm start`: builds dist/ when it is missing or older than the sources (a fresh clone after `npm ci`),
// then runs the server in this same process. No shell and no child process sits between the signal
// and the server: SIGTERM/SIGINT (sent to this process, or forwarded by npm) reach its shutdown hooks.
await import('./ensure-build.mjs');
await import('../dist/src/main.js');
