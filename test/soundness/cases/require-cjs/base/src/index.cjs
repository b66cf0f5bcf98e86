const { helper } = require("./helper.cjs");

module.exports = {
  run() {
    return helper() + 1;
  },
};
