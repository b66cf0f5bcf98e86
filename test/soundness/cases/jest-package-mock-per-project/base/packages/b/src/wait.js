const ms = require("ms");

module.exports = { wait: () => ms("1s") };
