module.exports = { preset: "./tools/jest-preset.cjs" };
