// A React Native layout: "../src/button" is button.ios.js first, as Metro resolves it.
module.exports = { testEnvironment: "node", haste: { defaultPlatform: "ios", platforms: ["ios", "android"] } };
