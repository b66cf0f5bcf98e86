exports.label = () => "legacy";
