module.exports = { kind: "ios" };
