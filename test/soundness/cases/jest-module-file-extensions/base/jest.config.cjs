// A platform build: "../src/button" is button.web.js first.
module.exports = { testEnvironment: "node", moduleFileExtensions: ["web.js", "js", "json"] };
