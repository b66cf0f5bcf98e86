module.exports = {
  other() {
    return "other";
  },
};
