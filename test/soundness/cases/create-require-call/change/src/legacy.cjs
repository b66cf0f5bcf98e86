exports.label = () => "modern";
