const path = require("node:path");

const root = path.join(__dirname, "snapshots");

module.exports = {
  resolveSnapshotPath: (testPath, extension) => path.join(root, path.basename(testPath) + extension),
  resolveTestPath: (snapshotPath, extension) =>
    path.join(__dirname, "test", path.basename(snapshotPath).slice(0, -extension.length)),
  testPathForConsistencyCheck: path.join(__dirname, "test", "example.test.js"),
};
