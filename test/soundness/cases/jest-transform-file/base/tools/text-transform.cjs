const { quote } = require("./quote.cjs");

// A transformer of our own: Jest loads it by path and runs every matching file through it.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(quote(source.trim()))};` };
  },
};
