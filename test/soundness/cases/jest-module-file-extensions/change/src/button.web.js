module.exports = { kind: "broken" };
