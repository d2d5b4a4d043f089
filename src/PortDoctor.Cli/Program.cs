using PortDoctor.Cli;

// Only composition here: the verbs live in Commands/, the error policy in CliApp.
return CliApp.Run(args, CliEnvironment.FromProcess());
