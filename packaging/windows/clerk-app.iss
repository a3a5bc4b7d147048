; Inno Setup script of the Windows installer: clerk-app-<version>-setup.exe in dist\installer\.
;
; Build the bundles first (Git Bash: bash packaging/build.sh), then:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\clerk-app.iss
; (.github/workflows/windows-bundle.yml does both.) Needs Inno Setup 6.3 or later.
;
; What it installs, per user by default (no administrator rights needed on a clerk's laptop):
;   {app}\clerk-app-gui.exe   the app, started by the Start-menu and desktop shortcuts (no console window)
;   {app}\clerk-app.exe       the same app for the command line: clerk-app.exe status --json
;   {app}\ward-server\        the ward server, only with the "Ward office" component
; The station's data is NOT in {app}: it lives in %LOCALAPPDATA%\clerk-app\clerk-app (station.db, settings,
; logs, backups\), so installing a new version over an old one, or uninstalling, never touches it. The new
; version backs station.db up into backups\ before upgrading its schema (see README, "Upgrades").

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Ghi nhận cử tri"
#define Dist "..\..\dist"

[Setup]
; The AppId ties every version together: an upgrade replaces the installed one. Never change it.
AppId={{09BDB143-174F-45A3-96F4-BB42D78C3CC5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=clerk-app
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\clerk-app
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Dist}\installer
OutputBaseFilename=clerk-app-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\clerk-app.ico
UninstallDisplayIcon={app}\clerk-app-gui.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running clerk-app (e.g. started for a test the evening before) is closed before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Types]
Name: "station"; Description: "Polling station laptop (the app)"
Name: "ward"; Description: "Ward office (the app and the ward server)"
Name: "custom"; Description: "Custom"; Flags: iscustom

[Components]
Name: "app"; Description: "Ghi nhận cử tri (clerk-app)"; Types: station ward custom; Flags: fixed
Name: "wardserver"; Description: "Máy chủ phường (ward-server), for the ward office"; Types: ward

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; A one-folder bundle must not mix libraries of two versions: the old program files go first.
; (Program files only: the data folder is elsewhere.)
Type: filesandordirs; Name: "{app}\_internal"
Type: filesandordirs; Name: "{app}\ward-server\_internal"

[Files]
Source: "{#Dist}\clerk-app\*"; DestDir: "{app}"; Components: app; \
    Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Dist}\ward-server\*"; DestDir: "{app}\ward-server"; Components: wardserver; \
    Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\clerk-app-gui.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\clerk-app-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{group}\Máy chủ phường (ward-server)"; Filename: "{app}\ward-server\ward-server.exe"; \
    WorkingDir: "{app}\ward-server"; Components: wardserver
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\clerk-app-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; \
    Flags: nowait postinstall skipifsilent
