const path = require("node:path");

// test/price.test.js keeps its snapshots in snapshots/price_test_js.snap.
module.exports = {
  resolveSnapshotPath: (testPath, extension) =>
    path.join(__dirname, "snapshots", path.basename(testPath).replace(/\./g, "_") + extension),
  resolveTestPath: (snapshotPath, extension) =>
    path.join(__dirname, "test", path.basename(snapshotPath, extension).replace(/_/g, ".")),
  testPathForConsistencyCheck: path.join(__dirname, "test", "example.test.js"),
};
