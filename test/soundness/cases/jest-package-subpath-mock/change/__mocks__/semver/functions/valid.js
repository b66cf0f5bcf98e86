module.exports = () => "stubbed";
