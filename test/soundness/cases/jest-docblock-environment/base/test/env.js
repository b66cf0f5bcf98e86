const { TestEnvironment } = require("jest-environment-node");
const { locale } = require("./locale");

// A custom environment the test's docblock names by path: Jest runs it before the file's tests.
module.exports = class LocaleEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.LOCALE = locale;
  }
};
