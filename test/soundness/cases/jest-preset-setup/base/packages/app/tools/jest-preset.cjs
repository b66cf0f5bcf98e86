// A preset of our own, named by path: its setup files run before every test of the project, and
// Jest reads their paths from the project's root, as it does the config's own.
module.exports = {
  testEnvironment: "node",
  setupFiles: ["./tools/setup-globals.cjs"],
};
