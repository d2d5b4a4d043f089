// The readers of one family use each other's pieces (text helpers, fast paths, shared record shapes).
global using PortDoctor.Core;
global using PortDoctor.Core.Model;
global using PortDoctor.Core.Trends;
global using PortDoctor.Evidence.Bsd;
global using PortDoctor.Evidence.Counts;
global using PortDoctor.Evidence.Events;
global using PortDoctor.Evidence.FastPath;
global using PortDoctor.Evidence.Linux;
global using PortDoctor.Evidence.PowerShell;
global using PortDoctor.Evidence.Processes;
global using PortDoctor.Evidence.Text;
global using PortDoctor.Evidence.Windows;
