const { connect, escape } = require("./db");

module.exports = {
  query(name) {
    return `${connect()}:${escape(name)}`;
  },
};
