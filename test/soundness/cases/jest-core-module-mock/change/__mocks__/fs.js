module.exports = { readFileSync: () => "stubbed" };
