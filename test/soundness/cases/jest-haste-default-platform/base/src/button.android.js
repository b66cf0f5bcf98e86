module.exports = { kind: "android" };
