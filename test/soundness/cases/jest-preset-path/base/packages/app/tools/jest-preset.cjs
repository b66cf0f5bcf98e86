// A preset of our own, named by path: Jest merges it into the project's config.
module.exports = {
  testEnvironment: "node",
  globals: { GREETING: "hello" },
};
