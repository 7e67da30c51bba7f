// The Windows platform: stack bounds from GetCurrentThreadStackLimits, chunks from VirtualAlloc,
// Win32 threads, thread descriptions. No prefaulting and no malloc tuning. Needs Windows 8 or
// later (GetCurrentThreadStackLimits); thread names need Windows 10 1607 and are skipped before.
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0602
#endif
#include "platform.h"

#include <cstdio>
#include <cstring>
#include <new>
#include <process.h>
#include <windows.h>

namespace perry::platform {
namespace {

struct Start {
    ThreadMain main;
    void* arg;
};

unsigned __stdcall thread_trampoline(void* raw) {
    Start start = *static_cast<Start*>(raw);
    delete static_cast<Start*>(raw);
    start.main(start.arg);
    return 0;
}

// SetThreadDescription and GetThreadDescription arrived in Windows 10 1607: looked up at run
// time so that the runtime still loads on older systems.
using SetDescription = HRESULT(WINAPI*)(HANDLE, PCWSTR);
using GetDescription = HRESULT(WINAPI*)(HANDLE, PWSTR*);

FARPROC kernel32_function(const char* name) {
    HMODULE kernel32 = GetModuleHandleW(L"kernel32.dll");
    return kernel32 != nullptr ? GetProcAddress(kernel32, name) : nullptr;
}

} // namespace

const char* name() {
    return "windows";
}

uintptr_t current_stack_top() {
    ULONG_PTR low = 0;
    ULONG_PTR high = 0;
    GetCurrentThreadStackLimits(&low, &high);
    return static_cast<uintptr_t>(high);
}

// VirtualAlloc aligns to the 64 KiB allocation granularity only: reserve a larger range to find
// an aligned address inside it, release it, and map exactly there. Another thread may take the
// range in between, hence the retries. Committed pages are zero-filled.
char* map_aligned(size_t bytes, size_t alignment) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        void* probe = VirtualAlloc(nullptr, bytes + alignment, MEM_RESERVE, PAGE_NOACCESS);
        if (probe == nullptr) {
            return nullptr;
        }
        const uintptr_t aligned =
            (reinterpret_cast<uintptr_t>(probe) + alignment - 1) & ~(uintptr_t{alignment} - 1);
        VirtualFree(probe, 0, MEM_RELEASE);
        void* base = VirtualAlloc(reinterpret_cast<void*>(aligned), bytes, MEM_RESERVE | MEM_COMMIT,
                                  PAGE_READWRITE);
        if (base != nullptr) {
            return static_cast<char*>(base);
        }
    }
    return nullptr;
}

void release_aligned(char* base, size_t) {
    VirtualFree(base, 0, MEM_RELEASE);
}

void prefault(char*, size_t) {}

void tune_malloc() {}

static_assert(sizeof(HANDLE) <= sizeof(Thread::storage), "Thread's storage holds a HANDLE");

bool start_thread(Thread* thread, ThreadMain main, void* arg) {
    auto* start = new (std::nothrow) Start{main, arg};
    if (start == nullptr) {
        return false;
    }
    const uintptr_t handle = _beginthreadex(nullptr, 0, thread_trampoline, start, 0, nullptr);
    if (handle == 0) {
        delete start;
        return false;
    }
    const auto native = reinterpret_cast<HANDLE>(handle);
    std::memcpy(thread->storage, &native, sizeof native);
    return true;
}

void join_thread(Thread& thread) {
    HANDLE handle;
    std::memcpy(&handle, thread.storage, sizeof handle);
    WaitForSingleObject(handle, INFINITE);
    CloseHandle(handle);
}

void set_current_thread_name(const char* name) {
    const auto set = reinterpret_cast<SetDescription>(
        reinterpret_cast<void (*)()>(kernel32_function("SetThreadDescription")));
    if (set == nullptr) {
        return;
    }
    char truncated[16]; // the same 15-byte limit as the other platforms
    std::snprintf(truncated, sizeof truncated, "%s", name);
    wchar_t wide[16];
    if (MultiByteToWideChar(CP_UTF8, 0, truncated, -1, wide, 16) > 0) {
        set(GetCurrentThread(), wide);
    }
}

void current_thread_name(char* out, size_t capacity) {
    if (capacity == 0) {
        return;
    }
    const auto get = reinterpret_cast<GetDescription>(
        reinterpret_cast<void (*)()>(kernel32_function("GetThreadDescription")));
    PWSTR wide = nullptr;
    if (get != nullptr && SUCCEEDED(get(GetCurrentThread(), &wide)) && wide != nullptr) {
        const int written = WideCharToMultiByte(CP_UTF8, 0, wide, -1, out,
                                                static_cast<int>(capacity), nullptr, nullptr);
        LocalFree(wide);
        if (written > 0 && out[0] != '\0') {
            return;
        }
    }
    std::snprintf(out, capacity, "?");
}

} // namespace perry::platform
