const path = require("node:path");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  setupFilesAfterEnv: [path.join(__dirname, "test/setup.js")],
};
