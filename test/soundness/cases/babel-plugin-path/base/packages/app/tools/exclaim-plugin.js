const { mark } = require("./mark.js");

module.exports = () => ({
  visitor: {
    StringLiteral(path) {
      if (path.node.value === "hello") path.node.value = `hello${mark}`;
    },
  },
});
