module.exports = { testEnvironment: "node", snapshotResolver: "<rootDir>/snapshot-resolver.js" };
