module.exports = {
  helper() {
    return 1;
  },
};
