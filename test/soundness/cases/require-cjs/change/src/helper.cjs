module.exports = {
  helper() {
    return 2;
  },
};
