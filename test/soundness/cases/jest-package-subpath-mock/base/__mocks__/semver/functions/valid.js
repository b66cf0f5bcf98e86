module.exports = () => "mocked";
