module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  snapshotResolver: "<rootDir>/snapshot-resolver.js",
};
