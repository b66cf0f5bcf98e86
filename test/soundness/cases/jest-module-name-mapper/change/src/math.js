module.exports = {
  add(a, b) {
    return a + b + 1;
  },
};
