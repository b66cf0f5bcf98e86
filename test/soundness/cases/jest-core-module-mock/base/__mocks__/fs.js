module.exports = { readFileSync: () => "mocked" };
