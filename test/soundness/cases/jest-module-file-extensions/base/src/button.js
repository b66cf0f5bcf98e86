module.exports = { kind: "plain" };
