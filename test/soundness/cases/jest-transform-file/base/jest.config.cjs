module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: {
    "\\.txt$": "<rootDir>/tools/text-transform.cjs",
    "\\.js$": "babel-jest",
  },
};
