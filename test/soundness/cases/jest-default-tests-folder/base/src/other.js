exports.other = () => "other";
