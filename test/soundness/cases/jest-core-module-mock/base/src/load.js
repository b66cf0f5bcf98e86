const fs = require("fs");

module.exports = { load: () => fs.readFileSync("config.txt", "utf8") };
