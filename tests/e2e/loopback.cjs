// Preloaded into the Agents Playground (NODE_OPTIONS=--require=<this file>): it calls server.listen(port) with no
// host and has no flag for one, so it would listen on every network interface. Bind host-less listens to loopback.
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (/^\d+$/.test(String(args[0])) && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  else if (args[0] && typeof args[0] === 'object' && !args[0].path && !args[0].host) args[0] = { ...args[0], host: '127.0.0.1' };
  return listen.apply(this, args);
};
