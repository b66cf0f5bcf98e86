module.exports = { other: () => "other" };
