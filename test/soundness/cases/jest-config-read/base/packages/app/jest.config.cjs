const fs = require("node:fs");
const path = require("node:path");

// The config reads its globals from a file: a change to the file is a change to the config.
const settings = JSON.parse(fs.readFileSync(path.join(__dirname, "config", "settings.json"), "utf8"));

module.exports = { testEnvironment: "node", globals: { GREETING: settings.greeting } };
