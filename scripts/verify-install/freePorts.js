#!/usr/bin/env node
// Prints N free TCP ports on 127.0.0.1, one per line (default 1).
const net = require('node:net');

const count = Number(process.argv[2] ?? '1');
(async () => {
  const servers = [];
  for (let i = 0; i < count; i++) {
    const server = net.createServer();
    await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  // Hold every port until all are chosen, so the N ports are distinct.
  console.log(servers.map(s => s.address().port).join('\n'));
  await Promise.all(servers.map(s => new Promise(r => s.close(r))));
})();
