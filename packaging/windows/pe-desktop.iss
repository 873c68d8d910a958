; Inno Setup script: ISCC /DAppVersion=X.Y.Z packaging\windows\pe-desktop.iss
; Installs the PyInstaller one-folder build per user (no admin rights needed on a
; council laptop), adds a Start menu entry and registers the PE Desktop file types.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1D3C52-8A2B-4E55-9C1E-5D0F2B7A9E41}
AppName=PE Desktop
AppVersion={#AppVersion}
AppPublisher=The PE Desktop team
DefaultDirName={localappdata}\Programs\PE Desktop
DefaultGroupName=PE Desktop
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=pe-desktop-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
UninstallDisplayIcon={app}\pe-desktop.exe

[Files]
Source: "..\..\build\frozen\pe-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\PE Desktop"; Filename: "{app}\pe-desktop.exe"
Name: "{group}\Uninstall PE Desktop"; Filename: "{uninstallexe}"

[Registry]
Root: HKCU; Subkey: "Software\Classes\.pepkg"; ValueType: string; ValueData: "PEDesktop.Package"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.peqa"; ValueType: string; ValueData: "PEDesktop.Package"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.peinvite"; ValueType: string; ValueData: "PEDesktop.Package"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\PEDesktop.Package"; ValueType: string; ValueData: "PE Desktop package"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\PEDesktop.Package\shell\open\command"; ValueType: string; ValueData: """{app}\pe-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\pe-desktop.exe"; Description: "Start PE Desktop"; Flags: nowait postinstall skipifsilent
