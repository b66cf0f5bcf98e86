// babel-jest compiles every file with this config; the plugin is ours, named by path.
module.exports = { plugins: ["./tools/exclaim-plugin.js"] };
