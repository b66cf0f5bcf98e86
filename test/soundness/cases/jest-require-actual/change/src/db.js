module.exports = {
  escape(value) {
    return `"${value}"`;
  },
  connect() {
    return "real";
  },
};
