module.exports = { kind: "web" };
